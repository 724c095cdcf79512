-- The only unique key has a nullable column, which --allow-nullable-unique-key
-- accepts; no NULL is ever written to it, so the copy is exact.
drop table if exists gh_ost_test;
create table gh_ost_test (
  serial int,
  label varchar(20) not null,
  unique key serial_uidx (serial)
) engine=innodb;

insert into gh_ost_test select seq * 10, concat('l', seq) from seq_1_to_2000;

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
  insert into gh_ost_test values (100000 + unix_timestamp(now()) % 100000, 'event');
  update gh_ost_test set label = concat(label, '+') where serial % 1000 = 10 * second(now());
  delete from gh_ost_test where serial < 100000 order by serial limit 1;
end ;;
