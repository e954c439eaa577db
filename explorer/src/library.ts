import { parseSavedQuery, type SavedQuery } from './saved-queries';

// The .graphql files are bundled as text at build time; the jest suite validates the same files against the supergraph.
const files = import.meta.glob<string>('../../queries/*.graphql', { query: '?raw', import: 'default', eager: true });

export const savedQueries: SavedQuery[] = Object.entries(files)
  .map(([file, text]) => parseSavedQuery(file.replace(/^.*\//, '').replace(/\.graphql$/, ''), text))
  .sort((a, b) => a.name.localeCompare(b.name));
