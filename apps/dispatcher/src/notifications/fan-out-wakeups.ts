import { Injectable } from '@nestjs/common';
import { DeliveryWakeups } from '../deliveries/delivery-wakeups';
import { FAN_OUT_CHANNEL_SQL } from './member-fan-out.repository';

/** Wakes the fan-out worker when an event's transaction that left a fan-out job commits. */
@Injectable()
export class FanOutWakeups extends DeliveryWakeups {
  protected override readonly channelSql: string = FAN_OUT_CHANNEL_SQL;
}
