import { SetMetadata } from '@nestjs/common';

/** Metadata key read by the authentication guard; shared so other libs can mark their routes public. */
export const IS_PUBLIC_KEY = 'notify:is-public';

/** Opts a route (or a whole controller) out of bearer-token authentication. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_KEY, true);
