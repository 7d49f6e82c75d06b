import Type from 'typebox';
import { CHANNELS } from '@scorecard/domain/channels';

/** A channel in a query or body: one of the domain's channels, so validation and the OpenAPI enum follow it. */
export const ChannelSchema = Type.Union(CHANNELS.map((channel) => Type.Literal(channel)));
