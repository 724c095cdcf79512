-- utf8mb4 text: 4-byte characters (emoji, a character outside the BMP that
-- needs a surrogate pair elsewhere), combining marks, quotes, backslashes,
-- NUL/tab/newline bytes, the empty string, and a value that fills the column.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  v varchar(100) character set utf8mb4 collate utf8mb4_unicode_ci not null,
  c char(20) character set utf8mb4,
  vb varchar(300) character set utf8mb4 collate utf8mb4_bin,
  primary key (id)
) engine=innodb default charset=utf8mb4;

insert into gh_ost_test (v, c, vb) values
  ('😀🚀👩‍👩‍👧‍👦', '𝕳𝖊𝖑𝖑𝖔', '🎉'),
  ('', '', ''),
  ('it''s "quoted" \\ back\\slash', 'a\tb\nc', 'nul:\0:end'),
  ('e\u0301 é Ω ß ĳ ﬁ', '日本語テキスト', null),
  (repeat('😀', 100), repeat('字', 20), repeat('€', 300)),
  ('trailing spaces   ', '  lead', 'x ');
insert into gh_ost_test (v, c, vb)
  select concat('row ', seq, ' ', repeat('🦄', seq % 20)), concat('ç', seq % 1000),
         if(seq % 4 = 0, null, concat(repeat('ä', seq % 250), '🙂'))
  from seq_1_to_2000;

drop event if exists gh_ost_test;
delimiter ;;
create event gh_ost_test
  on schedule every 1 second
  starts current_timestamp
  ends current_timestamp + interval 60 second
  on completion not preserve
  enable
  do
begin
  insert into gh_ost_test (v, c, vb) values
    ('🐬 dolphin', '💾', repeat('🀄', 300)),
    ('', null, ''),
    ('quote '' and \\ and \0', 'ß', 'Ω');
  update gh_ost_test set v = concat('😀', left(v, 98)), c = if(c is null, '🚀', null) where id in (1, 2, 3, 4);
  update gh_ost_test set vb = reverse(coalesce(vb, '🍕')) where id % 60 = second(now());
  update gh_ost_test set v = repeat('🦆', 100) order by id desc limit 1;
  delete from gh_ost_test where id > 6 order by id limit 1;
  delete from gh_ost_test where id <= 2006 order by id desc limit 1;
end ;;
