// The migrations of the access schema (API keys), oldest first; same scheme as the subgraphs'.
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261205053000_api_keys } from './Migration20261205053000_api_keys';

export const accessMigrations: MigrationObject[] = [
  { name: 'Migration20261205053000_api_keys', class: Migration20261205053000_api_keys },
];
