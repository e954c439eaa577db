/**
 * Which kind of run this is, decided in one place. Built-in development credentials are used only when NODE_ENV is
 * unset, `development` or `test`: a typo such as `prod` or `staging` must not silently turn them on.
 */
export function developmentDefaultsAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  const mode = env.NODE_ENV?.trim() ?? '';
  return mode === '' || mode === 'development' || mode === 'test';
}

/** Stack traces and internal messages reach clients only when NODE_ENV=development is set on purpose. */
export function showsInternalDetails(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV?.trim() === 'development';
}

/** `NODE_ENV=production`: the hub refuses built-in development secrets and hides internal addresses. */
export function isProduction(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV?.trim() === 'production';
}
