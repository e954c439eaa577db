/**
 * What is wrong with one piece of imported input, precise enough for the person who keeps the file to find and
 * fix it: the row (as a spreadsheet numbers it, header = row 1) or the event index, the column, the value.
 */
export interface ImportProblem {
  row?: number;
  /** Position of an event in a pushed batch or a capture document, from 0. */
  eventIndex?: number;
  /** An observation of a statistics message that has no rows (SDMX-JSON): its key and what it is of. */
  observation?: string;
  /** The column header as written in the file, or a JSON path for documents. */
  field?: string;
  value?: string;
  message: string;
}

/** `ho-dan.xlsx, row 14, column "Số CCCD": "12345" has 5 digits; a CCCD has 12 and an old CMND 9`. */
export function describeProblem(origin: string, problem: ImportProblem): string {
  const where = [origin];
  if (problem.row !== undefined) where.push(`row ${problem.row}`);
  if (problem.eventIndex !== undefined) where.push(`event ${problem.eventIndex}`);
  if (problem.observation !== undefined) where.push(`observation ${problem.observation}`);
  const inDocument = problem.eventIndex !== undefined || problem.observation !== undefined;
  if (problem.field !== undefined) where.push(inDocument ? `field ${problem.field}` : `column "${problem.field}"`);
  return `${where.join(', ')}: ${problem.message}`;
}

/** Thrown when input is refused as a whole; carries every problem found, not just the first. */
export class ImportRejected extends Error {
  constructor(
    readonly origin: string,
    readonly problems: ImportProblem[],
  ) {
    super(
      `${origin} was not imported: ${problems.length} problem${problems.length === 1 ? '' : 's'}.\n` +
        problems.slice(0, 20).map((problem) => `  - ${describeProblem(origin, problem)}`).join('\n') +
        (problems.length > 20 ? `\n  ... and ${problems.length - 20} more` : ''),
    );
    this.name = 'ImportRejected';
  }
}
