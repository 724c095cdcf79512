-- The migrated table is plain; another table in the same database has
-- MariaDB compressed columns and is written by the same event during the
-- migration. Row events of other tables have to be skipped, whatever their
-- column types.
drop table if exists gh_ost_test;
drop table if exists gh_ost_test_other;
create table gh_ost_test (
  id int not null auto_increment,
  val varchar(40) not null,
  primary key (id)
) engine=innodb;
create table gh_ost_test_other (
  id int not null auto_increment,
  vc varchar(1000) compressed,
  bc blob compressed,
  primary key (id)
) engine=innodb default charset=utf8mb4;

insert into gh_ost_test (val) select concat('v', seq) from seq_1_to_2000;
insert into gh_ost_test_other (vc, bc) values (repeat('x', 1000), repeat('y', 5000));

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
  insert into gh_ost_test (val) values (concat('event ', second(now())));
  insert into gh_ost_test_other (vc, bc) values (repeat('z', 900), repeat('w', 3000));
  update gh_ost_test set val = concat(val, '+') where id in (1, 2) or id % 60 = second(now());
  update gh_ost_test_other set vc = concat(left(vc, 10), 'upd') order by id desc limit 1;
  delete from gh_ost_test where id > 2 order by id limit 1;
end ;;
