/** The little a SQL backend needs from a driver: run statements inside one transaction. */
export interface SqlTx {
	query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
	exec(sql: string): Promise<void>;
}

export interface SqlDriver {
	transaction<T>(work: (tx: SqlTx) => Promise<T>): Promise<T>;
	close(): Promise<void>;
}
