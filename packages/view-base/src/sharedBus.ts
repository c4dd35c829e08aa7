import { LinkBus } from '@statescope/bus';
import { sharedRegistry } from './sharedRegistry.js';

/** Shared with every compatible copy of this package in the page (see sharedRegistry). */
const buses = sharedRegistry<LinkBus>('buses', import.meta.url);

/**
 * The bus registered under a name, created on first use. Elements written in plain HTML join
 * one with the `bus="name"` attribute; code can pass a LinkBus as the `bus` property instead.
 */
export function sharedBus(name: string): LinkBus {
  let bus = buses.get(name);
  if (!bus) buses.set(name, (bus = new LinkBus()));
  return bus;
}
