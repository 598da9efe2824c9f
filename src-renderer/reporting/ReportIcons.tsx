// Line drawings for the report categories and case stages, in the frame of components/LineIcon.
import type { CaseStage, ReportCategory } from '../../src-shared/reports-api.js';
import { LineIcon } from '../components/LineIcon.js';

function categoryPaths(category: ReportCategory) {
  switch (category) {
    case 'payment-wrong':
      // A coin crossed out.
      return (
        <>
          <circle cx="32" cy="32" r="20" />
          <path d="M26 24 L32 32 L38 24 M32 32 V44 M26 36 H38" />
          <path d="M10 54 L54 10" />
        </>
      );
    case 'payment-missing':
      // An empty wallet.
      return (
        <>
          <rect x="8" y="18" width="48" height="34" rx="4" />
          <path d="M40 30 H56 V42 H40 Z" />
          <path d="M16 12 H44" />
        </>
      );
    case 'project':
      // A house frame with a crack.
      return (
        <>
          <path d="M8 30 L32 10 L56 30" />
          <path d="M14 26 V54 H50 V26" />
          <path d="M30 26 L36 36 L28 44 L34 54" />
        </>
      );
    case 'finance':
      // An account book with a question mark.
      return (
        <>
          <rect x="14" y="8" width="36" height="48" rx="3" />
          <path d="M26 24 C26 16 40 16 40 24 C40 30 32 30 32 36 M32 44 V46" />
        </>
      );
    case 'conduct':
      // A person with a warning sign.
      return (
        <>
          <circle cx="22" cy="18" r="8" />
          <path d="M8 54 C8 36 36 36 36 54" />
          <path d="M46 14 V36 M46 44 V46" />
        </>
      );
    case 'other':
      // A speech bubble with three dots.
      return (
        <>
          <path d="M10 14 H54 V42 H28 L16 54 V42 H10 Z" />
          <path d="M22 28 V28 M32 28 V28 M42 28 V28" />
        </>
      );
  }
}

function stagePaths(stage: CaseStage) {
  switch (stage) {
    case 'received':
      // An inbox tray.
      return (
        <>
          <path d="M8 36 L16 12 H48 L56 36 V54 H8 Z" />
          <path d="M8 36 H22 L26 42 H38 L42 36 H56" />
        </>
      );
    case 'investigating':
      // A magnifying glass over a page.
      return (
        <>
          <rect x="10" y="8" width="30" height="40" rx="2" />
          <circle cx="40" cy="40" r="10" />
          <path d="M47 47 L56 56" />
        </>
      );
    case 'replied':
      // A letter.
      return (
        <>
          <rect x="8" y="16" width="48" height="34" rx="3" />
          <path d="M8 18 L32 36 L56 18" />
        </>
      );
    case 'closed':
      // A tick in a circle.
      return (
        <>
          <circle cx="32" cy="32" r="22" />
          <path d="M21 33 L29 41 L44 24" />
        </>
      );
  }
}

export function CategoryIcon({ category }: { category: ReportCategory }) {
  return <LineIcon className="report-icon">{categoryPaths(category)}</LineIcon>;
}

export function StageIcon({ stage }: { stage: CaseStage }) {
  return <LineIcon className="stage-icon">{stagePaths(stage)}</LineIcon>;
}
