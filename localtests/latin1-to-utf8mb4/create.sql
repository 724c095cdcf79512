-- latin1 -> utf8mb4 for a varchar and a text column: the row image holds
-- latin1 (cp1252) bytes, which must be written as the same characters, not
-- the same bytes.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  v varchar(64) character set latin1 not null,
  t text character set latin1,
  primary key (id)
) engine=innodb default charset=latin1;

insert into gh_ost_test (v, t) values
  ('café crème brûlée', 'Größe Ångström naïve façade'),
  ('€ £ ¥ © ® ± µ ¶ ‰ ™', 'ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ'),
  ('', null),
  ('plain ascii', '');
insert into gh_ost_test (v, t)
  select concat('élève nº ', seq), if(seq % 4 = 0, null, repeat('Ünïcödé ', seq % 40))
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
  insert into gh_ost_test (v, t) values ('Ça va? Où ça?', 'Æsir œuvre'), ('€', null), ('ÿ', repeat('é', 5000));
  update gh_ost_test set v = concat('¡', left(v, 62)), t = if(t is null, 'señor', null) where id in (1, 2, 3);
  update gh_ost_test set t = concat(coalesce(t, ''), ' …ñ') where id % 60 = second(now());
  update gh_ost_test set v = 'Ÿ Ž Š ƒ' order by id desc limit 1;
  delete from gh_ost_test where id > 4 order by id limit 1;
  delete from gh_ost_test where id <= 2004 order by id desc limit 1;
end ;;
