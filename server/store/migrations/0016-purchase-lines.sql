-- Issue 9: purchase lines as rows, so that suggestions read the lines of one
-- member and of the people who bought the same things through indexes, instead
-- of unpacking the jsonb of every purchase the chain ever posted on each request.
--
-- purchases.lines stays the record the API answers from; these rows are copied
-- from it in the same transaction (services/purchases.ts) and are not synced,
-- so they carry no seq. member_id is copied because a purchase never moves: a
-- merge (名寄せ) leaves it on the record it was posted to.
--
-- The item key suggestions group by (the style when the product has variants,
-- else the JAN) is not stored: it is joined from products when read. A product
-- can move to another style through PUT /api/v1/products, and a JAN unknown at
-- the till can enter the catalogue later; a stored key would go stale with
-- either, and keeping it right would mean rewriting every past line of the
-- product on a catalogue update. Read time costs a primary-key lookup per line
-- read, and products_style turns a style into its JANs for the index below.
create table purchase_lines (
  purchase_id text not null references purchases (id),
  line_no integer not null check (line_no >= 1),
  member_id text not null references members (id),
  jan text not null,
  -- As posted ('' when not given): the suggestion's `because` names the member's own line.
  name text not null,
  quantity integer not null check (quantity >= 1),
  primary key (purchase_id, line_no)
);
-- The lines of these members (a member and the records merged into it; a co-buyer).
create index purchase_lines_member_jan on purchase_lines (member_id, jan);
-- The buyers of these JANs.
create index purchase_lines_jan_member on purchase_lines (jan, member_id);

-- The same statement services/purchases.ts runs for one new purchase.
insert into purchase_lines (purchase_id, line_no, member_id, jan, name, quantity)
select p.id, l.line_no, p.member_id, l.line ->> 'jan', coalesce(l.line ->> 'name', ''), (l.line ->> 'quantity')::integer
  from purchases p
 cross join lateral jsonb_array_elements(p.lines) with ordinality as l(line, line_no);
