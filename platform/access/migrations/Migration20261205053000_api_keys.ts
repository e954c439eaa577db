import { Migration } from '@mikro-orm/migrations';

export class Migration20261205053000_api_keys extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "access";`);
    this.addSql(`create table "access"."api_key" ("id" varchar(16) not null, "secret_hash" varchar(64) not null, "role" varchar(16) not null, "scope" varchar(32) null, "owner" varchar(255) not null, "created_at" timestamptz not null, "expires_at" timestamptz null, "revoked_at" timestamptz null, constraint "api_key_pkey" primary key ("id"));`);
    this.addSql(`create index "api_key_expires_at_index" on "access"."api_key" ("expires_at");`);
  }

}
