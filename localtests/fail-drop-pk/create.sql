drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null,
  amount int not null,
  primary key (id)
) engine=innodb;

insert into gh_ost_test values (1, 10), (2, 20), (3, 30);

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
  update gh_ost_test set amount = amount + 1 where id = 2;
end ;;
