// Turns off zod's compiled parsers in the kiosk page. zod probes for them with `new Function`,
// which the page's Content-Security-Policy (script-src 'self', no 'unsafe-eval') blocks and
// reports as a violation, although zod catches the error. main.tsx imports this module first,
// so the setting is in place before any schema parses.
import { z } from 'zod';

z.config({ jitless: true });
