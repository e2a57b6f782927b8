// Owns handing a handler's error back unchanged through Nest's RPC exception filters.
import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';

/**
 * Hands the error a handler (or its pipe, guard or interceptor) threw back unchanged. Nest's default RPC filter
 * replaces every error that is not an `RpcException` with `{ status: 'error' }`, which would lose the message
 * that retries log and dead letters carry.
 */
@Catch()
export class HandlerErrorFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}
