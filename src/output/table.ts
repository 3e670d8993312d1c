// Tables for people; cli-table3 is loaded only by the commands that print one.

export async function renderTable(head: string[], rows: string[][], color: boolean): Promise<string> {
  const { default: Table } = await import('cli-table3');
  const table = new Table({
    head,
    style: { head: color ? ['bold'] : [], border: color ? ['grey'] : [] },
    chars: color ? {} : { top: '-', 'top-mid': '+', 'top-left': '+', 'top-right': '+', bottom: '-', 'bottom-mid': '+',
      'bottom-left': '+', 'bottom-right': '+', left: '|', 'left-mid': '+', mid: '-', 'mid-mid': '+', right: '|',
      'right-mid': '+', middle: '|' },
  });
  table.push(...rows);
  return table.toString();
}
