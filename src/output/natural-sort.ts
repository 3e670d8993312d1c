// Natural order for names people number: fleet-2 before fleet-10 (digits compare as numbers).
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export function naturalCompare(a: string, b: string): number {
  return collator.compare(a, b);
}
