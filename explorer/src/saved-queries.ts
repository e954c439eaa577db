/**
 * The saved example queries (queries/*.graphql). Each file starts with comment lines: the Vietnamese title,
 * the English title, then `# variables: {...}` when the operation takes variables.
 */
export interface SavedQuery {
  /** File name without ".graphql", e.g. "household-journey". */
  name: string;
  titleVi: string;
  titleEn: string;
  query: string;
  variables: Record<string, unknown>;
}

export function parseSavedQuery(name: string, text: string): SavedQuery {
  const header: string[] = [];
  let variables: Record<string, unknown> = {};
  for (const line of text.split(/\r?\n/)) {
    if (!line.startsWith('#')) break;
    const comment = line.replace(/^#\s?/, '');
    const declared = /^variables:\s*(.*)$/.exec(comment);
    if (declared) {
      try {
        variables = JSON.parse(declared[1]) as Record<string, unknown>;
      } catch (error) {
        throw new Error(`queries/${name}.graphql: the "# variables:" line is not JSON (${(error as Error).message}).`);
      }
    } else header.push(comment.trim());
  }
  if (header.length < 2 || !header[0] || !header[1]) {
    throw new Error(`queries/${name}.graphql: start with two comment lines, the Vietnamese title then the English one.`);
  }
  return { name, titleVi: header[0], titleEn: header[1], query: text, variables };
}
