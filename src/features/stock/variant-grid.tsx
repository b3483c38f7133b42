import { useTranslation } from 'react-i18next';
import type { VariantCell } from '../../db/index.ts';

/**
 * Size × colour for one style. Each cell: how many are here, and a marker when
 * another location has it (the customer's size may be one order away).
 */
export function VariantGrid({ cells, selected, onPick }: { cells: readonly VariantCell[]; selected: string; onPick: (jan: string) => void }) {
  const { t } = useTranslation();
  const sizes = unique(cells.map((cell) => cell.product.size));
  const colours = unique(cells.map((cell) => cell.product.colour));
  const at = (size: string, colour: string): VariantCell | undefined =>
    cells.find((cell) => cell.product.size === size && cell.product.colour === colour);
  return (
    <table className="stock-grid" data-testid="variant-grid">
      <caption className="panel__title">{t('stock.variants')}</caption>
      <thead>
        <tr>
          <th />
          {sizes.map((size) => (
            <th key={size} scope="col">
              {size}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {colours.map((colour) => (
          <tr key={colour}>
            <th scope="row">{colour}</th>
            {sizes.map((size) => {
              const cell = at(size, colour);
              if (!cell) return <td key={size} />;
              return (
                <td key={size}>
                  <button
                    type="button"
                    className="stock-grid__cell"
                    data-testid="variant-cell"
                    data-jan={cell.product.jan}
                    data-here={cell.availableHere}
                    data-elsewhere={cell.availableElsewhere}
                    aria-pressed={cell.product.jan === selected}
                    onClick={() => onPick(cell.product.jan)}
                  >
                    <span>{t('stock.cellHere', { count: cell.availableHere })}</span>
                    {cell.availableElsewhere ? (
                      <span className="stock-grid__elsewhere" title={t('stock.cellElsewhere')} aria-label={t('stock.cellElsewhere')}>
                        ●
                      </span>
                    ) : null}
                  </button>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
