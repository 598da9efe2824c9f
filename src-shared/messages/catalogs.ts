// Every namespace of the main-side catalogs, per language. A test checks that both languages
// have exactly the same keys, so a message can never fall back to a bare key.
// Add a namespace by adding its file under both zh-CN/ and en/ and listing it here.
import zhCommon from './zh-CN/common.js';
import enCommon from './en/common.js';
import zhCli from './zh-CN/cli.js';
import enCli from './en/cli.js';
import zhConfig from './zh-CN/config.js';
import enConfig from './en/config.js';
import zhSync from './zh-CN/sync.js';
import enSync from './en/sync.js';
import zhQuery from './zh-CN/query.js';
import enQuery from './en/query.js';
import zhHost from './zh-CN/host.js';
import enHost from './en/host.js';
import zhServe from './zh-CN/serve.js';
import enServe from './en/serve.js';
import zhPublish from './zh-CN/publish.js';
import enPublish from './en/publish.js';
import zhValidation from './zh-CN/validation.js';
import enValidation from './en/validation.js';
import zhValidationV2 from './zh-CN/validation-v2.js';
import enValidationV2 from './en/validation-v2.js';
import zhDemo from './zh-CN/demo.js';
import enDemo from './en/demo.js';
import zhRoot from './zh-CN/root.js';
import zhStatus from './zh-CN/status.js';
import enStatus from './en/status.js';
import zhVerify from './zh-CN/verify.js';
import enVerify from './en/verify.js';
import enRoot from './en/root.js';
import zhReceiver from './zh-CN/receiver.js';
import enReceiver from './en/receiver.js';
import zhPrint from './zh-CN/print.js';
import enPrint from './en/print.js';
import zhWatchdog from './zh-CN/watchdog.js';
import enWatchdog from './en/watchdog.js';
import zhProvision from './zh-CN/provision.js';
import enProvision from './en/provision.js';
import zhFleet from './zh-CN/fleet.js';
import enFleet from './en/fleet.js';
import zhImport from './zh-CN/import.js';
import enImport from './en/import.js';
import zhCheck from './zh-CN/check.js';
import enCheck from './en/check.js';
import zhPreview from './zh-CN/preview.js';
import enPreview from './en/preview.js';
import zhNotice from './zh-CN/notice.js';
import enNotice from './en/notice.js';

export const catalogs = {
  'zh-CN': {
    demo: zhDemo,
    common: zhCommon,
    cli: zhCli,
    config: zhConfig,
    sync: zhSync,
    query: zhQuery,
    host: zhHost,
    serve: zhServe,
    publish: zhPublish,
    validation: zhValidation,
    'validation-v2': zhValidationV2,
    root: zhRoot,
    status: zhStatus,
    verify: zhVerify,
    receiver: zhReceiver,
    print: zhPrint,
    watchdog: zhWatchdog,
    provision: zhProvision,
    fleet: zhFleet,
    import: zhImport,
    check: zhCheck,
    preview: zhPreview,
    notice: zhNotice,
  },
  en: {
    demo: enDemo,
    common: enCommon,
    cli: enCli,
    config: enConfig,
    sync: enSync,
    query: enQuery,
    host: enHost,
    serve: enServe,
    publish: enPublish,
    validation: enValidation,
    'validation-v2': enValidationV2,
    root: enRoot,
    status: enStatus,
    verify: enVerify,
    receiver: enReceiver,
    print: enPrint,
    watchdog: enWatchdog,
    provision: enProvision,
    fleet: enFleet,
    import: enImport,
    check: enCheck,
    preview: enPreview,
    notice: enNotice,
  },
};
