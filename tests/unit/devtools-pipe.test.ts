// The DevTools pipe client's framing: NUL-ended JSON messages split or joined across reads,
// error responses, events matched by session, and pending commands rejected when the pipe ends.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { connectDevtoolsPipe } from '../../src-main/browser-host/devtools-pipe.js';

function pipePair() {
  const toChromium = new PassThrough();
  const fromChromium = new PassThrough();
  const sent: unknown[] = [];
  toChromium.on('data', (chunk: Buffer) => {
    for (const text of chunk.toString('utf8').split('\0').filter(Boolean)) sent.push(JSON.parse(text));
  });
  return { pipe: connectDevtoolsPipe(toChromium, fromChromium), fromChromium, sent };
}

describe('connectDevtoolsPipe', () => {
  it('sends NUL-ended commands with ids and sessions', async () => {
    const { pipe, fromChromium, sent } = pipePair();

    const result = pipe.send('DOM.getDocument', { depth: 0 }, 'session-1');
    fromChromium.write('{"id":1,"result":{"root":{"nodeId":1}},"sessionId":"session-1"}\0');

    expect(await result).toEqual({ root: { nodeId: 1 } });
    expect(sent).toEqual([{ id: 1, method: 'DOM.getDocument', params: { depth: 0 }, sessionId: 'session-1' }]);
  });

  it('reads messages split and joined across chunks', async () => {
    const { pipe, fromChromium } = pipePair();

    const first = pipe.send('Target.createTarget', { url: 'about:blank' });
    const second = pipe.send('Browser.getVersion');
    fromChromium.write('{"id":1,"result":{"targ');
    fromChromium.write('etId":"T1"}}\0{"id":2,"result":{"product":"Chrome/156"}}\0');

    expect(await first).toEqual({ targetId: 'T1' });
    expect(await second).toEqual({ product: 'Chrome/156' });
  });

  it('rejects a command Chromium answers with an error', async () => {
    const { pipe, fromChromium } = pipePair();

    const result = pipe.send('DOM.getBoxModel', { nodeId: 99 });
    fromChromium.write('{"id":1,"error":{"code":-32000,"message":"Could not compute box model."}}\0');

    await expect(result).rejects.toThrow('DevTools error: Could not compute box model.');
  });

  it('waits for an event of its own session', async () => {
    const { pipe, fromChromium } = pipePair();
    let loaded = false;

    const waiting = pipe.nextEvent('Page.loadEventFired', 'session-2').then(() => (loaded = true));
    fromChromium.write('{"method":"Page.loadEventFired","params":{},"sessionId":"session-1"}\0');
    await new Promise((resolve) => setImmediate(resolve));
    expect(loaded).toBe(false);

    fromChromium.write('{"method":"Page.loadEventFired","params":{},"sessionId":"session-2"}\0');
    await waiting;
    expect(loaded).toBe(true);
  });

  it('rejects pending commands when the pipe closes', async () => {
    const { pipe, fromChromium } = pipePair();

    const result = pipe.send('DOM.getDocument');
    const event = pipe.nextEvent('Page.loadEventFired', 'session-1');
    fromChromium.destroy();

    await expect(result).rejects.toThrow('Chromium closed the DevTools pipe');
    await expect(event).rejects.toThrow('Chromium closed the DevTools pipe');
    await expect(pipe.send('Browser.close')).rejects.toThrow('Chromium closed the DevTools pipe');
  });

  it('closes on a message that is not JSON', async () => {
    const { pipe, fromChromium } = pipePair();

    const result = pipe.send('DOM.getDocument');
    fromChromium.write('not json\0');

    await expect(result).rejects.toThrow('Chromium sent a DevTools message that is not JSON');
  });
});
