import { Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const pages = new Map<Type, Type>();

/** The schema of one page of records (`items`, `nextCursor`), named after its item (`CaseViewPage`). */
export function PageOf(item: Type): Type {
  const known = pages.get(item);
  if (known) return known;
  class Page {
    @ApiProperty({ type: [item] }) items!: unknown[];
    @ApiPropertyOptional({ type: String, description: 'Pass back as cursor for the next page; absent on the last.' })
    nextCursor?: string;
  }
  Object.defineProperty(Page, 'name', { value: `${item.name}Page` });
  pages.set(item, Page);
  return Page;
}
