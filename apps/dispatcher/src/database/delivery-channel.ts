/** NOTIFY channel of the deliveries of this schema, so test schemas sharing a database do not wake each other. */
export const DELIVERY_CHANNEL_SQL = `'deliveries_' || current_schema()`;
