-- latin1 (MariaDB's latin1 is cp1252, so the euro sign fits): accented
-- letters in varchar, char and text, written by a utf8mb4 client.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  v varchar(64) not null,
  c char(10),
  t text,
  primary key (id)
) engine=innodb default charset=latin1;

insert into gh_ost_test (v, c, t) values
  ('café crème', 'ÿ', 'Größe Ångström naïve façade'),
  ('€ £ ¥ © ® ± µ ¶', '€uro', 'Þorn ðæ øå'),
  ('', null, ''),
  ('ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞß', 'àáâãäåæçè', 'éêëìíîïðñòóôõö÷øùúûüýþÿ'),
  ('it''s', 'a\\b', null);
insert into gh_ost_test (v, c, t)
  select concat('élève ', seq), if(seq % 3 = 0, null, concat('ñ', seq % 1000)), repeat('àé', seq % 100)
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
  insert into gh_ost_test (v, c, t) values ('Ça va? Où ça?', 'œ', 'Æsir'), ('€', null, repeat('ü', 1000)), ('', 'ß', null);
  update gh_ost_test set v = concat('¡', left(v, 62)), c = if(c is null, 'é', null) where id in (1, 2, 3, 4);
  update gh_ost_test set t = concat(coalesce(t, ''), '…') where id % 60 = second(now());
  update gh_ost_test set v = 'Ÿ ŽŠ ‰ ™' order by id desc limit 1;
  delete from gh_ost_test where id > 5 order by id limit 1;
  delete from gh_ost_test where id <= 2005 order by id desc limit 1;
end ;;
