import type { IncomingHttpHeaders } from 'node:http';
import type { Principal } from './principal';

/** The slice of an HTTP request the guard reads and enriches. */
export interface AuthenticatedRequest {
  headers: IncomingHttpHeaders;
  principal?: Principal;
}
