-- Columns in several character sets in one table: utf8mb3, gbk, sjis,
-- cp1251, ucs2, utf16, utf32 and ascii (ucs2/utf16/utf32 cannot be a
-- client charset, so the applier must say what its bytes are).
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  c_utf8 varchar(30) character set utf8mb3,
  c_gbk varchar(30) character set gbk,
  c_sjis varchar(30) character set sjis,
  c_cp1251 varchar(30) character set cp1251,
  c_ucs2 varchar(30) character set ucs2,
  c_utf16 varchar(30) character set utf16,
  c_utf32 text character set utf32,
  c_ascii char(10) character set ascii,
  primary key (id)
) engine=innodb;

insert into gh_ost_test (c_utf8, c_gbk, c_sjis, c_cp1251, c_ucs2, c_utf16, c_utf32, c_ascii) values
  ('ñandú €', '中文字符', '日本語のテキスト', 'Привет мир', 'Ωmega ß', '😀 outside BMP', '🚀 𝄞 four bytes', 'plain'),
  ('', '', '', '', '', '', '', ''),
  (null, null, null, null, null, null, null, null),
  ('\\ and ''', '＼', 'ソ表', 'Ёё', 'ĳ', '𝕳', '\0', 'x\\y');
insert into gh_ost_test (c_utf8, c_gbk, c_sjis, c_cp1251, c_ucs2, c_utf16, c_utf32, c_ascii)
  select concat('ü', seq), concat('汉', seq), concat('カナ', seq), concat('Ж', seq), concat('Ω', seq),
         if(seq % 3 = 0, null, concat('🙂', seq)), repeat('𝄞', seq % 30), concat('a', seq)
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
  insert into gh_ost_test (c_utf8, c_gbk, c_sjis, c_cp1251, c_ucs2, c_utf16, c_utf32, c_ascii) values
    ('événement', '事件', 'イベント', 'Событие', 'Ω', '🎉', '🎉🎉', 'event'),
    (null, '', null, '', null, '', null, '');
  update gh_ost_test set c_gbk = concat(coalesce(c_gbk, ''), '改'), c_utf16 = if(c_utf16 is null, '🦄', null),
      c_utf32 = concat(coalesce(c_utf32, ''), '𝄞'), c_cp1251 = 'Щ' where id in (1, 2, 3, 4) or id % 60 = second(now());
  update gh_ost_test set c_sjis = '更新', c_ucs2 = 'Ж' order by id desc limit 1;
  delete from gh_ost_test where id > 4 order by id limit 1;
  delete from gh_ost_test where id <= 2004 order by id desc limit 1;
end ;;
