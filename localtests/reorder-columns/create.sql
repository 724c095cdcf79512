-- Reorder columns (modify ... after id, modify ... first) of different types:
-- the applier must name columns, not rely on their positions.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  a varchar(20) not null,
  b int,
  c datetime,
  d decimal(8,3) not null default 0,
  primary key (id)
) engine=innodb;

insert into gh_ost_test (a, b, c, d) values ('one', 1, '2001-01-01 01:01:01', 1.5), ('', null, null, -0.001), ('ç', -2147483648, '9999-12-31 23:59:59', 99999.999);
insert into gh_ost_test (a, b, c, d) select concat('a', seq), seq * 7, '2010-01-01' + interval seq hour, seq / 8 from seq_1_to_2000;

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
  insert into gh_ost_test (a, b, c, d) values ('event', second(now()), now(), 0.125), ('x', null, null, -1);
  update gh_ost_test set b = if(b is null, 5, null), d = -d, c = now() where id in (1, 2, 3) or id % 60 = second(now());
  update gh_ost_test set a = 'moved' order by id desc limit 1;
  delete from gh_ost_test where id > 3 order by id limit 1;
  delete from gh_ost_test where id <= 2003 order by id desc limit 1;
end ;;
