-- Rename a column (change c1 c2 ..., approved with --approve-renamed-columns)
-- next to an unchanged one; the applier maps the old name to the new one.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  c1 varchar(30) not null,
  other int,
  primary key (id)
) engine=innodb;

insert into gh_ost_test (c1, other) values ('alpha', 1), ('', null), ('ünï', -1);
insert into gh_ost_test (c1, other) select concat('v', seq), seq from seq_1_to_2000;

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
  insert into gh_ost_test (c1, other) values ('event', second(now())), ('🚀', null);
  update gh_ost_test set c1 = concat(c1, '!'), other = if(other is null, 0, null) where id in (1, 2, 3) or id % 60 = second(now());
  update gh_ost_test set c1 = 'renamed' order by id desc limit 1;
  delete from gh_ost_test where id > 3 order by id limit 1;
  delete from gh_ost_test where id <= 2003 order by id desc limit 1;
end ;;
