import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Migration } from '@mikro-orm/migrations';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { MigrationObject } from '@mikro-orm/core';
import type { ApolloServerPlugin } from '@apollo/server';
import type { PersonalRead } from './personal';
import type { Viewer } from './roles';

/**
 * The processing log the Personal Data Protection Law asks for: who read which personal fields of which
 * household, when, in which operation. Each subgraph keeps it in its own schema (the data it guards is its own);
 * a request's reads are buffered by @Personal and written in one insert when the response is sent, one row per
 * household with the fields read, never the values.
 */
@ObjectType({ description: 'One request\'s reads of a household\'s personal fields (the processing log): who, when, which fields.' })
// Every subgraph keeps its own log and defines this type identically.
@Directive('@shareable')
@Entity({ tableName: 'personal_data_read' })
@Index({ properties: ['provinceCode', 'readAt'] })
@Index({ properties: ['householdId', 'readAt'] })
export class PersonalDataRead {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Field(() => Date, { description: 'When the fields were read.' })
  @Property({ type: 'datetime' })
  readAt!: Date;

  /** `key:<id>`, `jwt:<sub>`: who, as the gateway verified it. */
  @Field(() => String, { description: 'Who read them: "key:<key id>" for an API key, "jwt:<subject>" for a token.' })
  @Property({ type: 'string' })
  subject!: string;

  @Field(() => String, { description: 'The reader\'s role.' })
  @Property({ type: 'string', length: 16 })
  role!: string;

  @Field(() => String, { description: 'The request, as the hub\'s logs name it.' })
  @Property({ type: 'string', length: 64 })
  requestId!: string;

  @Field(() => String, { nullable: true, description: 'The GraphQL operation\'s name, when it had one.' })
  @Property({ type: 'string', nullable: true })
  operationName?: string | null;

  @Field(() => ID, { nullable: true, description: 'The household whose data was read; null for a seller or respondent not linked to one.' })
  @Property({ type: 'string', length: 32, nullable: true })
  householdId?: string | null;

  @Field(() => String, { nullable: true, description: 'The province the record belongs to.' })
  @Property({ type: 'string', length: 2, nullable: true })
  provinceCode?: string | null;

  /** `Household.phone`, `Shop.sellerName`...: the fields read, not their values. */
  @Field(() => [String], { description: 'The fields read, e.g. "Household.phone" (never their values).' })
  @Property({ type: 'text[]' })
  fields!: string[];
}

/** The log's table, the same in every subgraph's schema: appended to each subgraph's migrations by the platform. */
export class Migration20261205060000_personal_data_read extends Migration {
  override async up(): Promise<void> {
    const schema = this.config.get('schema');
    this.addSql(`create table "${schema}"."personal_data_read" ("id" bigserial primary key, "read_at" timestamptz not null, "subject" varchar(255) not null, "role" varchar(16) not null, "request_id" varchar(64) not null, "operation_name" varchar(255) null, "household_id" varchar(32) null, "province_code" varchar(2) null, "fields" text[] not null);`);
    this.addSql(`create index "personal_data_read_province_code_read_at_index" on "${schema}"."personal_data_read" ("province_code", "read_at");`);
    this.addSql(`create index "personal_data_read_household_id_read_at_index" on "${schema}"."personal_data_read" ("household_id", "read_at");`);
  }
}

export const PROCESSING_LOG_MIGRATION: MigrationObject = { name: 'Migration20261205060000_personal_data_read', class: Migration20261205060000_personal_data_read };

interface LoggingContext {
  em: EntityManager;
  viewer: Viewer;
  requestId: string;
  personalReads: PersonalRead[];
}

/** Writes the request's personal reads, grouped by household, in one statement, before the response leaves. */
export async function writePersonalReads(context: LoggingContext, operationName: string | null, readAt = new Date()): Promise<void> {
  if (!context.personalReads.length) return;
  const byHousehold = new Map<string, { householdId: string | null; provinceCode: string | null; fields: Set<string> }>();
  for (const read of context.personalReads) {
    const key = `${read.householdId ?? ''}|${read.provinceCode ?? ''}`;
    let entry = byHousehold.get(key);
    if (!entry) byHousehold.set(key, (entry = { householdId: read.householdId, provinceCode: read.provinceCode, fields: new Set() }));
    entry.fields.add(read.field);
  }
  context.personalReads.length = 0;
  await context.em.fork().insertMany(PersonalDataRead, [...byHousehold.values()].map((entry) => ({
    readAt,
    subject: context.viewer.subject,
    role: context.viewer.role,
    requestId: context.requestId,
    operationName,
    householdId: entry.householdId,
    provinceCode: entry.provinceCode,
    fields: [...entry.fields].sort(),
  })));
}

/** The Apollo plugin every subgraph server runs: the log is written once the response is complete. */
export function processingLogPlugin(): ApolloServerPlugin<LoggingContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operationName }) {
          await writePersonalReads(contextValue, operationName ?? null);
        },
      };
    },
  };
}
