drop table if exists gh_ost_test;
create table gh_ost_test (
  id bigint unsigned not null auto_increment,
  name varchar(64) not null default '',
  qty int not null,
  updated_at timestamp not null default current_timestamp on update current_timestamp,
  primary key (id)
) engine=innodb;

insert into gh_ost_test (name, qty) values ('apple', 3), ('pear', 5), ('plum', 8), ('fig', 13);

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
  insert into gh_ost_test (name, qty) values (concat('row-', floor(rand() * 1000)), 1), ('extra', 2);
  update gh_ost_test set qty = qty + 1 where id = 1;
  delete from gh_ost_test where id > 4 order by id limit 1;
end ;;
