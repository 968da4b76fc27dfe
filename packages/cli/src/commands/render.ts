// `arbor render` — placeholder until its issue lands.
export const command = {
  summary: 'render',
  async run(_args: string[]): Promise<number> {
    throw new Error('"render" is not available yet');
  },
};
