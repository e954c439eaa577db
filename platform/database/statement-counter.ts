import type { MikroORM } from '@mikro-orm/postgresql';

/**
 * Counts the SQL statements a subgraph sends to PostgreSQL. Exposed on `/metrics`, so tests and the
 * benchmark can prove that a query costs a fixed number of statements whatever the size of the data.
 */
export class StatementCounter {
  total = 0;

  static attach(orm: MikroORM): StatementCounter {
    const counter = new StatementCounter();
    orm.em.getConnection().getKnex().on('query', () => {
      counter.total += 1;
    });
    return counter;
  }
}
