import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../app/format.ts';
import { useLocationNames } from '../../db/index.ts';
import type { Suggestion } from '../../protocol/index.ts';
import { useSuggestions } from './use-suggestions.ts';

/** Up to five products the member may want, with where they are available (read online; see use-suggestions.ts). */
export function ProfileSuggestions({ memberId, shopId }: { memberId: string; shopId: string }) {
  const { t } = useTranslation();
  const state = useSuggestions(memberId, shopId);
  return (
    <section className="panel profile__suggestions" data-testid="profile-suggestions" data-status={state.status} aria-labelledby="profile-suggestions-title">
      <h3 className="panel__title" id="profile-suggestions-title">
        {t('profile.suggestionsTitle')}
      </h3>
      {state.status === 'loading' ? <p className="profile__quiet">{t('profile.suggestionsLoading')}</p> : null}
      {state.status === 'offline' ? <p className="profile__quiet" data-testid="suggestions-offline">{t('profile.suggestionsOffline')}</p> : null}
      {state.status === 'failed' ? <p className="profile__quiet">{t('profile.suggestionsFailed')}</p> : null}
      {state.status === 'ready' && state.suggestions.length === 0 ? <p className="profile__quiet">{t('profile.suggestionsNone')}</p> : null}
      {state.status === 'ready' && state.suggestions.length > 0 ? (
        <ul className="profile__suggestion-list">
          {state.suggestions.map((suggestion) => (
            <SuggestionItem key={suggestion.jan} suggestion={suggestion} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function SuggestionItem({ suggestion }: { suggestion: Suggestion }) {
  const { t, i18n } = useTranslation();
  const names = useLocationNames();
  const { here, elsewhere } = suggestion.availability;
  const variant = [suggestion.size, suggestion.colour].filter((part) => part !== '').join(' / ');
  return (
    <li className="profile__suggestion" data-testid="suggestion" data-jan={suggestion.jan}>
      <p className="profile__suggestion-name">
        {suggestion.name}
        {variant ? <span className="profile__suggestion-variant"> {variant}</span> : null}
      </p>
      <p className="profile__quiet">{t('profile.suggestionBecause', { name: suggestion.because.name || suggestion.because.jan })}</p>
      <p className="profile__availability">
        {here !== null ? (
          <span className={here > 0 ? 'badge badge--posted' : 'badge badge--pending'} data-testid="suggestion-here" data-available={here}>
            {here > 0 ? t('profile.availableHere', { available: formatNumber(here, i18n.language) }) : t('profile.availableHereNone')}
          </span>
        ) : null}
        {elsewhere.map((place) => (
          <span key={place.locationId} className="badge profile__elsewhere">
            {t('profile.availableElsewhere', { location: names?.get(place.locationId) ?? place.locationId, available: formatNumber(place.available, i18n.language) })}
          </span>
        ))}
      </p>
    </li>
  );
}
