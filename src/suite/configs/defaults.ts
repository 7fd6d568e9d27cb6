/** The default seed of every property run (printed; fixed so that runs are deterministic). */
export const DEFAULT_SEED = 20220717;
