/** The operations the benchmark drives, in the order it runs and reports them. */
export const OPERATION_NAMES = ['journey', 'province-sales', 'cooperative-listings', 'trace', 'households-page'] as const;
export type OperationName = (typeof OPERATION_NAMES)[number];

/** The contenders, ours first: every figure is reported as a ratio to ours. */
export const CONTENDER_NAMES = ['ours', 'apollo', 'hive', 'hive-rust', 'limit'] as const;
export type ContenderName = (typeof CONTENDER_NAMES)[number];
