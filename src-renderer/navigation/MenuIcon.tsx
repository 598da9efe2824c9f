// Line drawings for the home menu tiles, in the frame of components/LineIcon.
import { LineIcon } from '../components/LineIcon.js';
import type { MenuTileId } from './menu.js';

function paths(tile: MenuTileId) {
  switch (tile) {
    case 'lookup':
      // A house with a coin at its door.
      return (
        <>
          <path d="M8 30 L32 10 L56 30" />
          <path d="M14 26 V54 H50 V26" />
          <circle cx="32" cy="40" r="8" />
          <path d="M32 36 V44 M29 40 H35" />
        </>
      );
    case 'projects':
      // A building under construction beside a crane.
      return (
        <>
          <path d="M10 54 H54" />
          <rect x="14" y="30" width="18" height="24" />
          <path d="M19 36 H27 M19 44 H27" />
          <path d="M42 54 V12 M42 12 H56 M42 12 L34 18 H42 M52 12 V24" />
        </>
      );
    case 'poverty':
      // Two hands under a heart.
      return (
        <>
          <path d="M32 30 C24 22 14 26 18 34 L32 44 L46 34 C50 26 40 22 32 30 Z" />
          <path d="M8 46 C16 46 22 52 32 54 C42 52 48 46 56 46" />
        </>
      );
    case 'finance':
      // An account book with rows of figures.
      return (
        <>
          <rect x="14" y="10" width="36" height="44" rx="3" />
          <path d="M20 20 H44 M20 28 H44 M20 36 H44 M20 44 H34" />
        </>
      );
    case 'village-affairs':
      // A notice board on two legs.
      return (
        <>
          <rect x="10" y="12" width="44" height="30" />
          <path d="M18 42 V56 M46 42 V56" />
          <path d="M16 20 H48 M16 27 H48 M16 34 H38" />
        </>
      );
    case 'township-affairs':
      // A flag on a pole.
      return (
        <>
          <path d="M16 56 V8" />
          <path d="M16 10 H50 L42 20 L50 30 H16" />
        </>
      );
    case 'complaints':
      // A speech bubble with an exclamation mark.
      return (
        <>
          <path d="M10 14 H54 V42 H28 L16 54 V42 H10 Z" />
          <path d="M32 20 V32 M32 36 V38" />
        </>
      );
    case 'report':
      // A pen writing on a sheet.
      return (
        <>
          <path d="M12 10 H40 V54 H12 Z" />
          <path d="M18 20 H32 M18 28 H30" />
          <path d="M54 18 L36 44 L32 50 L34 43 L50 16 Z" />
        </>
      );
    case 'case-status':
      // A clipboard with a clock.
      return (
        <>
          <path d="M14 12 H44 V54 H14 Z" />
          <path d="M24 8 H34 V16 H24 Z" />
          <circle cx="44" cy="44" r="12" />
          <path d="M44 37 V44 L49 47" />
        </>
      );
    case 'search':
      // A magnifying glass.
      return (
        <>
          <circle cx="27" cy="27" r="15" />
          <path d="M38 38 L54 54" />
        </>
      );
  }
}

export function MenuIcon({ tile }: { tile: MenuTileId }) {
  return <LineIcon className="menu-icon">{paths(tile)}</LineIcon>;
}
