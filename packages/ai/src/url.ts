// Is a base URL's host a loopback, private, link-local or otherwise internal address? Literal
// addresses and well-known names only (isomorphic); public-fetch.ts (Node) also checks what a name
// resolves to and connects only to the addresses it checked.

function ipv4(host: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  return parts.every((n) => n <= 255) ? parts : null;
}

export function isPrivateIpv4(parts: number[]): boolean {
  const [a = 0, b = 0] = parts;
  return (
    a === 0 || // "this" network
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local, cloud metadata
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0 && parts[2] === 0) ||
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    a >= 224 // multicast, reserved, broadcast
  );
}

/** True for an IP address (v4 or v6, with or without brackets) in a private or special range, or a local name. */
export function isPrivateHost(hostname: string): boolean {
  let host = hostname.toLowerCase().replace(/\.$/, '');
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal') || host === '')
    return true;
  const v4 = ipv4(host);
  if (v4) return isPrivateIpv4(v4);
  if (!host.includes(':')) {
    // Numeric forms browsers and fetch accept (2130706433, 0x7f.1) are addresses too.
    if (/^(0x[0-9a-f]+|\d+)(\.(0x[0-9a-f]+|\d+))*$/.test(host)) return true;
    return false;
  }
  // IPv6
  if (host === '::' || host === '::1') return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
  if (mapped) {
    const p = ipv4(mapped[1] as string);
    return p ? isPrivateIpv4(p) : true;
  }
  if (/^::ffff:/.test(host)) return true;
  const first = Number.parseInt(host.split(':')[0] || '0', 16);
  return (
    (first & 0xfe00) === 0xfc00 || // unique local fc00::/7
    (first & 0xffc0) === 0xfe80 || // link-local fe80::/10
    (first & 0xff00) === 0xff00 || // multicast
    first === 0 // ::/8 reserved, IPv4-compatible
  );
}
