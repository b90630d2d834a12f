import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, type UiLanguage } from '../i18n';

export function LanguageSwitch({ compact }: { compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const current = (LANGUAGES as readonly string[]).includes(i18n.language) ? i18n.language : 'es';
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t('header.language')}</span>
      <select
        value={current}
        onChange={(e) => void setLanguage(e.target.value as UiLanguage)}
        data-testid="language-switch"
      >
        {LANGUAGES.map((lng) => (
          <option key={lng} value={lng}>
            {compact ? lng.toUpperCase() : t(`header.languages.${lng}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
