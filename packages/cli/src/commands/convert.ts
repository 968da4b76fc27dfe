// `arbor convert` — placeholder until its issue lands.
export const command = {
  summary: 'convert',
  async run(_args: string[]): Promise<number> {
    throw new Error('"convert" is not available yet');
  },
};
