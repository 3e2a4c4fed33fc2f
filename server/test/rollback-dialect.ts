import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/**
 * Test only: lets a test file seed a database once and undo each case's writes. Wraps the real
 * dialect (PGlite or pg), so the application keeps its ordinary `db` and code path:
 *
 * - until `begin()`, everything is passed through untouched (migrations, seeding);
 * - after `begin()`, ONE connection is held inside an outer transaction and handed to one holder
 *   at a time (as PGlite always does); an application transaction becomes a savepoint inside it
 *   (`begin` → `savepoint`, `commit` → `release savepoint`, `rollback` → `rollback to savepoint`);
 * - `mark()` sets a savepoint before a case and `reset()` rolls back to it afterwards, which also
 *   recovers from a statement that failed and aborted the outer transaction (named marks nest, e.g.
 *   data shared by a group of cases, then each case);
 * - `end()` rolls the outer transaction back and returns the connection.
 *
 * Works the same on PGlite and on a PostgreSQL server. What differs from production, knowingly:
 * `now()` is the outer transaction's start time for every case, and an application transaction's
 * isolation-level settings are ignored (savepoints have none; the app sets none today).
 */
export class RollbackDialect implements Dialect {
  private driver: RollbackDriver | undefined;
  constructor(private readonly inner: Dialect) {}

  createAdapter() {
    return this.inner.createAdapter();
  }
  createDriver(): Driver {
    this.driver = new RollbackDriver(this.inner.createDriver());
    return this.driver;
  }
  createIntrospector(db: Parameters<Dialect['createIntrospector']>[0]) {
    return this.inner.createIntrospector(db);
  }
  createQueryCompiler() {
    return this.inner.createQueryCompiler();
  }

  /** The driver Kysely created (one per Kysely instance). */
  get control(): RollbackControl {
    if (!this.driver) throw new Error('RollbackDialect: no Kysely instance uses this dialect yet');
    return this.driver;
  }
}

export type RollbackControl = Pick<RollbackDriver, 'begin' | 'mark' | 'reset' | 'release' | 'end'>;

const APP_SAVEPOINT = 'app_transaction';

/** One turn on the held connection; released when Kysely gives it back. */
class Lease implements DatabaseConnection {
  constructor(
    readonly connection: DatabaseConnection,
    readonly release: () => void,
  ) {}
  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return this.connection.executeQuery<R>(query);
  }
  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.connection.streamQuery<R>(query, chunkSize);
  }
}

class RollbackDriver implements Driver {
  private held: DatabaseConnection | null = null;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly inner: Driver) {}

  init() {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    if (!this.held) return this.inner.acquireConnection();
    let release!: () => void;
    const previous = this.queue;
    this.queue = new Promise<void>((resolve) => (release = resolve));
    await previous;
    return new Lease(this.held, release);
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    if (connection instanceof Lease) await run(connection, `savepoint ${APP_SAVEPOINT}`);
    else await this.inner.beginTransaction(connection, settings);
  }
  async commitTransaction(connection: DatabaseConnection) {
    if (connection instanceof Lease) await run(connection, `release savepoint ${APP_SAVEPOINT}`);
    else await this.inner.commitTransaction(connection);
  }
  async rollbackTransaction(connection: DatabaseConnection) {
    if (connection instanceof Lease) {
      await run(connection, `rollback to savepoint ${APP_SAVEPOINT}`);
      await run(connection, `release savepoint ${APP_SAVEPOINT}`);
    } else await this.inner.rollbackTransaction(connection);
  }

  async releaseConnection(connection: DatabaseConnection) {
    if (connection instanceof Lease) connection.release();
    else await this.inner.releaseConnection(connection);
  }

  /** Holds one connection inside an outer transaction: from now on nothing is committed. */
  async begin() {
    if (this.held) throw new Error('RollbackDialect: already inside the outer transaction');
    const connection = await this.inner.acquireConnection();
    await this.inner.beginTransaction(connection, {});
    this.held = connection;
  }

  /** Marks the state to come back to (marks nest: a group's, then each case's). */
  mark(name = 'test_case') {
    return this.onHeld(`savepoint ${savepointName(name)}`);
  }

  /** Undoes everything since `mark(name)`, even after a failed statement aborted the transaction,
   * and drops the mark (savepoints left open would nest deeper with every case and slow it down). */
  async reset(name = 'test_case') {
    await this.onHeld(`rollback to savepoint ${savepointName(name)}`);
    await this.onHeld(`release savepoint ${savepointName(name)}`);
  }

  /** Keeps everything done since `mark(name)` and drops the mark. Fails (and leaves the mark) when a
   * failed statement aborted the transaction: only `reset(name)` recovers from that. */
  release(name = 'test_case') {
    return this.onHeld(`release savepoint ${savepointName(name)}`);
  }

  /** Rolls the outer transaction back and returns the connection. */
  async end() {
    const connection = this.held;
    if (!connection) return;
    await this.onHeld('rollback');
    this.held = null;
    await this.inner.releaseConnection(connection);
  }

  async destroy() {
    await this.end();
    await this.inner.destroy();
  }

  private async onHeld(statement: string) {
    if (!this.held) throw new Error('RollbackDialect: begin() first');
    const lease = (await this.acquireConnection()) as Lease;
    try {
      await run(lease, statement);
    } finally {
      lease.release();
    }
  }
}

function savepointName(name: string) {
  if (!/^[a-z_]+$/.test(name)) throw new Error(`RollbackDialect: bad savepoint name ${name}`);
  return name;
}

const run = (connection: DatabaseConnection, statement: string) =>
  connection.executeQuery(CompiledQuery.raw(statement));
