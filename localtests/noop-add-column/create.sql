drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  label varchar(32) not null,
  created datetime not null,
  primary key (id)
) engine=innodb;

insert into gh_ost_test (label, created) values
  ('first', '2024-01-01 10:00:00'),
  ('second', '2024-02-02 11:30:00'),
  ('third', '2024-03-03 12:45:00');

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
  insert into gh_ost_test (label, created) values ('tick', now());
end ;;
