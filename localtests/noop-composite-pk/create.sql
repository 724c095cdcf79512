drop table if exists gh_ost_test;
create table gh_ost_test (
  tenant_id int not null,
  seq int not null,
  payload varchar(100),
  primary key (tenant_id, seq)
) engine=innodb;

insert into gh_ost_test values (1, 1, 'a'), (1, 2, 'b'), (2, 1, 'c'), (2, 2, null), (3, 7, 'e');

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
  insert into gh_ost_test (tenant_id, seq, payload)
    select 9, coalesce(max(seq), 0) + 1, 'event' from gh_ost_test where tenant_id = 9;
  update gh_ost_test set payload = concat(coalesce(payload, ''), '+') where tenant_id = 1 and seq = 1;
end ;;
