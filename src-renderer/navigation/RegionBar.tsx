// The session's region above the board and search screens, with the button that opens the
// region picker. Every list and search result below is scoped to this region.
import { useTranslation } from 'react-i18next';

export interface RegionBarProps {
  regionName: string;
  onChangeRegion(): void;
}

export function RegionBar({ regionName, onChangeRegion }: RegionBarProps) {
  const { t } = useTranslation();
  return (
    <div className="region-bar" data-testid="region-bar">
      <p className="region-bar-name" data-testid="current-region">
        {t('navigation.region.current', { region: regionName })}
      </p>
      <button type="button" className="region-change-button" data-testid="change-region" onClick={onChangeRegion}>
        {t('navigation.region.change')}
      </button>
    </div>
  );
}
