// One POST path of an API over HTTP: the schema its JSON body must pass, an example body for the
// 400 message, and the API method it calls. The board and admin route tables share it.
import type { z } from 'zod';

export interface JsonRoute<Api> {
  schema: z.ZodType;
  example: string;
  call(api: Api, body: never): Promise<unknown>;
}

/** Returns a maker of routes whose call gets the body as the schema's output type. */
export function jsonRouteMaker<Api>() {
  return <S extends z.ZodType>(schema: S, example: string, call: (api: Api, body: z.output<S>) => Promise<unknown>): JsonRoute<Api> => ({
    schema,
    example,
    call: call as JsonRoute<Api>['call'],
  });
}
