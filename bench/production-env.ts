/**
 * What the benchmark's production-mode processes are given: secrets of their own (a production process refuses the
 * built-in development ones) and no per-caller rate limit, since every request of the load comes from one address.
 */
export const BENCH_PRODUCTION_ENV: NodeJS.ProcessEnv = {
  NODE_ENV: 'production',
  NONGSAN_INTERNAL_TOKEN: 'bench-internal-token',
  NONGSAN_ID_HASH_KEY: 'bench-id-hash-key',
  NONGSAN_IDENTITY_SECRET: 'bench-identity-secret',
  MARKETPLACE_POSTMART_SECRET: 'bench-postmart-secret',
  MARKETPLACE_VOSO_SECRET: 'bench-voso-secret',
  NONGSAN_RATE_LIMITS: 'off',
};
