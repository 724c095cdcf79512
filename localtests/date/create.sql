-- date: the range ends, the epoch, a leap day, and NULL.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  d date not null,
  dn date,
  primary key (id)
) engine=innodb;

insert into gh_ost_test (d, dn) values
  ('1000-01-01', '9999-12-31'), ('9999-12-31', '1000-01-01'), ('1970-01-01', null),
  ('2024-02-29', '1900-02-28'), ('2000-02-29', '2038-01-19'), ('0001-01-01', '1969-12-31');
insert into gh_ost_test (d, dn)
  select '2000-01-01' + interval seq day, if(seq % 6 = 0, null, '1999-12-31' - interval seq * 37 day)
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
  insert into gh_ost_test (d, dn) values ('9999-12-31', null), ('1000-01-01', '2024-02-29'), (curdate(), '0001-01-01');
  update gh_ost_test set d = if(d = '9999-12-31', '1000-01-01', '9999-12-31'), dn = if(dn is null, '2024-02-29', null) where id in (1, 2, 3, 4);
  update gh_ost_test set d = d + interval 1 day where id % 60 = second(now());
  update gh_ost_test set dn = '9999-12-31' order by id desc limit 1;
  delete from gh_ost_test where id > 6 order by id limit 1;
  delete from gh_ost_test where id <= 2006 order by id desc limit 1;
end ;;
