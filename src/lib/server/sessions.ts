import type { Db } from './db/port.ts';
import type { UpcomingSession } from '../domain/session.ts';

export const listUpcoming = (db: Db, limit = 50) => db.rpc<UpcomingSession[]>('list_upcoming_sessions', { p_limit: limit });
