// fontkit ships no type declarations; this is the little of it we use.
declare module 'fontkit' {
  export function create(buffer: Uint8Array): unknown;
}
