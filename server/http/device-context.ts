import { TenpoError } from '../../src/protocol/index.ts';
import type { Device } from '../services/devices.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the /sync/v1 auth hook; null outside it. */
    device: Device | null;
  }
}

export function deviceOf(device: Device | null): Device {
  // The auth hook has run for every device route; null here would be a wiring bug.
  if (!device) throw new TenpoError('unauthorized', 'no device');
  return device;
}
