-- MariaDB invisible columns: not in select *, not filled by an insert
-- without a column list, but copied and applied like any other column. The
-- comparison names them (orig_columns/ghost_columns).
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  v varchar(20) not null,
  secret int invisible default 42,
  hidden_ts datetime(3) invisible,
  primary key (id)
) engine=innodb;

insert into gh_ost_test (v, secret, hidden_ts) values ('a', 1, '2001-01-01 00:00:00.001'), ('b', null, null);
insert into gh_ost_test values (null, 'no list');
insert into gh_ost_test (v, secret, hidden_ts) select concat('v', seq), seq, '2010-01-01' + interval seq second from seq_1_to_2000;

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
  insert into gh_ost_test values (null, 'implicit');
  insert into gh_ost_test (v, secret, hidden_ts) values ('explicit', -1, now(3));
  update gh_ost_test set secret = if(secret is null, 7, null), hidden_ts = now(3) where id in (1, 2, 3) or id % 60 = second(now());
  update gh_ost_test set v = 'last' order by id desc limit 1;
  delete from gh_ost_test where id > 3 order by id limit 1;
  delete from gh_ost_test where id <= 2003 order by id desc limit 1;
end ;;
