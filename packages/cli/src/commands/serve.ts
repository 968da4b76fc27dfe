// `arbor serve` — placeholder until its issue lands.
export const command = {
  summary: 'serve',
  async run(_args: string[]): Promise<number> {
    throw new Error('"serve" is not available yet');
  },
};
