import { LinkBus } from '@statescope/bus';
import { markCopy } from './copies.js';

markCopy(import.meta.url); // warns when a second copy of this package (and of this registry) is loaded

const buses = new Map<string, LinkBus>();

/**
 * The bus registered under a name, created on first use. Elements written in plain HTML join
 * one with the `bus="name"` attribute; code can pass a LinkBus as the `bus` property instead.
 */
export function sharedBus(name: string): LinkBus {
  let bus = buses.get(name);
  if (!bus) buses.set(name, (bus = new LinkBus()));
  return bus;
}
